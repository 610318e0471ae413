package io.swarmplace.tracker;

/**
 * Requests a tracker has handled since it started.
 *
 * @param httpAnnounces HTTP announces answered with peers
 * @param httpScrapes HTTP scrapes answered
 * @param udpConnects UDP connect requests answered
 * @param udpAnnounces UDP announces answered with peers
 * @param udpScrapes UDP scrapes answered
 * @param refusals requests answered with a failure reason or error (bad parameters, unknown torrent, full)
 * @param invalidHttpRequests HTTP requests answered 400, 404 or 405, or closed for exceeding size limits
 * @param droppedUdpPackets UDP packets dropped without a reply (too short, unknown connection id, ...)
 * @param peersNotStored announcing peers answered but not remembered because a limit was reached
 * @param peersExpired peers forgotten because they stopped announcing
 */
public record TrackerCounters(
        long httpAnnounces,
        long httpScrapes,
        long udpConnects,
        long udpAnnounces,
        long udpScrapes,
        long refusals,
        long invalidHttpRequests,
        long droppedUdpPackets,
        long peersNotStored,
        long peersExpired) {}
