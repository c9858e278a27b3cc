package io.flightrecorder.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class FlightRecorderStartupFailureTests {

	@Test
	void invalidSizeStopsTheApplicationWithOurFailureAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("flight-recorder.size=lots")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'lots' for property 'flight-recorder.size'")
			.contains("Set 'flight-recorder.size' to a data size: a number with a unit B, KB, MB, GB or TB")
			.contains("Must be positive.");
	}

	@Test
	void unknownStatisticStopsTheApplicationListingTheStatistics(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("flight-recorder.triggers.meters[0].name=jvm.gc.pause",
					"flight-recorder.triggers.meters[0].statistic=mean")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("flight-recorder.triggers.meters[0].statistic")
			.contains("Set 'flight-recorder.triggers.meters[0].statistic' to one of total, total-time, count")
			.contains("active-tasks");
	}

	@Test
	void anEventThisJvmDoesNotKnowStopsTheApplicationNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("flight-recorder.triggers.events[0].event=com.acme.PaymentTimeout")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'com.acme.PaymentTimeout' for property 'flight-recorder.triggers.events[0].event': "
					+ "no JFR event 'com.acme.PaymentTimeout' in this JVM")
			.contains("Set 'flight-recorder.triggers.events[0].event' to");
	}

	@Test
	void aFieldTheEventDoesNotHaveStopsTheApplicationListingTheFields(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("flight-recorder.triggers.events[0].event=jdk.GarbageCollection",
					"flight-recorder.triggers.events[0].field=longestPauze",
					"flight-recorder.triggers.events[0].above=500ms")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'longestPauze' for property 'flight-recorder.triggers.events[0].field': the event "
					+ "jdk.GarbageCollection has no field 'longestPauze' that is a duration, a number or a boolean; "
					+ "it has: ")
			.contains("longestPause (a duration)");
	}

	@Test
	void thePinnedRuleStopsTheApplicationBeforeJava21(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("flight-recorder.triggers.pinned.enabled=true");
		if (Runtime.version().feature() >= 21) {
			application.run().close();
			assertThat(output).doesNotContain("APPLICATION FAILED TO START");
			return;
		}
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("Invalid value 'true' for property 'flight-recorder.triggers.pinned.enabled': the "
				+ "pinned rule needs Java 21 or later, whose JFR records jdk.VirtualThreadPinned");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
