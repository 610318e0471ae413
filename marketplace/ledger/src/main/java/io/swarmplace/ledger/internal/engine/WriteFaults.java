package io.swarmplace.ledger.internal.engine;

import java.sql.Connection;

/**
 * Where tests break the writer between two steps of a batch (by throwing, or by killing the database
 * connection it is given). Production uses {@link #NONE}.
 */
@FunctionalInterface
public interface WriteFaults {

    WriteFaults NONE = (step, connection) -> {};

    void reached(WriteStep step, Connection connection) throws Exception;
}
