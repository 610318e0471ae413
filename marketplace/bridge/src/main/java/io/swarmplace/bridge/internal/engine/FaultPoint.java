package io.swarmplace.bridge.internal.engine;

/**
 * The points between two durable steps of a deposit or a withdrawal. A test names one to make the
 * bridge stop dead there, as a crash would, and then checks that a restart finishes the job.
 */
public enum FaultPoint {
    DEPOSIT_BEFORE_CREDIT,
    DEPOSIT_AFTER_CREDIT,
    DEPOSIT_AFTER_RECORD,
    WITHDRAW_AFTER_RECORD,
    WITHDRAW_AFTER_RESERVE,
    WITHDRAW_AFTER_SEND,
    WITHDRAW_AFTER_CONFIRM,
    WITHDRAW_AFTER_POST
}
