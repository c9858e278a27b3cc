package io.flightrecorder.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Import;

/**
 * Configuration of the actuator's own context, which Spring Boot starts when
 * {@code management.server.port} gives the actuator a port of its own: there, not in the
 * application's context, a {@code HEAD} request to the flight recording endpoint must be
 * answered without a snapshot.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Import(FlightRecordingHeadFilterConfiguration.class)
class FlightRecordingManagementContextConfiguration {

}
