package io.flightrecorder.actuate;

import java.io.IOException;

import io.flightrecorder.storage.DumpUploads;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the {@link DumpUploads}: where dumps go, how many wait, and, while uploads fail,
 * why and since when. It is always UP, as Spring Boot's SSL health is with certificates
 * about to expire: the application works on while the storage is down, and a health check
 * that went DOWN would take it out of service for a problem of its dumps.
 */
public class DumpUploadsHealthIndicator extends AbstractHealthIndicator {

	private final DumpUploads uploads;

	public DumpUploadsHealthIndicator(DumpUploads uploads) {
		super("Flight recorder uploads health check failed");
		this.uploads = uploads;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws IOException {
		DumpUploads.Status status = this.uploads.status();
		builder.up()
			.withDetail("location", status.location())
			.withDetail("pending", this.uploads.pending())
			.withDetail("failing", status.failing());
		if (status.lastUpload() != null) {
			builder.withDetail("lastUpload", status.lastUpload().toString());
		}
		if (status.lastFailure() != null && status.failingSince() != null) {
			builder.withDetail("lastFailure", status.lastFailure())
				.withDetail("failingSince", status.failingSince().toString());
		}
	}

}
