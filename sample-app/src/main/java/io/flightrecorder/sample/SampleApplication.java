package io.flightrecorder.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application that leaves the flight recorder on: take a snapshot at any moment with
 * {@code curl -OJ http://localhost:8080/actuator/flightrecording}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
