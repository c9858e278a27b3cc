package io.flightrecorder.autoconfigure;

import io.flightrecorder.dump.SavedDumps;
import io.flightrecorder.internal.HostName;
import io.flightrecorder.s3.S3DumpStorage;
import io.flightrecorder.storage.DumpStorage;
import io.flightrecorder.storage.DumpUploads;
import io.flightrecorder.storage.UploadListener;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the upload of saved dumps to the S3-compatible bucket that
 * {@code flight-recorder.storage.bucket} names, with the application's {@link S3Client}:
 * the one Spring Cloud AWS creates from {@code spring.cloud.aws.*}, or the application's own;
 * without either, one from the AWS SDK's defaults (environment, profile, instance role).
 */
@AutoConfiguration(after = FlightRecorderDumpsAutoConfiguration.class,
		afterName = "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration")
@ConditionalOnClass(S3Client.class)
@ConditionalOnBean(SavedDumps.class)
@ConditionalOnProperty("flight-recorder.storage.bucket")
@EnableConfigurationProperties(FlightRecorderStorageProperties.class)
public final class FlightRecorderStorageAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(DumpStorage.class)
	S3DumpStorage flightRecorderDumpStorage(S3Client s3, FlightRecorderStorageProperties properties,
			Environment environment) {
		String instance = properties.getInstance();
		S3DumpStorage storage = new S3DumpStorage(s3, properties.getBucket(), properties.getPrefix(),
				environment.getProperty("spring.application.name", "application"),
				(instance != null) ? instance : HostName.current());
		if (properties.getServerSideEncryption() != null) {
			storage.setServerSideEncryption(properties.getServerSideEncryption(), properties.getKmsKeyId());
		}
		storage.setChecksum(properties.getChecksum());
		storage.setMultipart(properties.getMultipartThreshold().toBytes(), properties.getPartSize().toBytes());
		storage.setMaxCount(properties.getMaxCount());
		storage.setOtherApplications(properties.getSearchApplications());
		return storage;
	}

	@Bean
	@ConditionalOnMissingBean
	DumpUploads flightRecorderDumpUploads(SavedDumps dumps, DumpStorage storage,
			FlightRecorderStorageProperties properties, ObjectProvider<UploadListener> listeners) {
		DumpUploads uploads = new DumpUploads(dumps, storage, properties.getRetryInterval(),
				properties.getMaxRetryInterval());
		listeners.orderedStream().forEach(uploads::addListener);
		return uploads;
	}

	@Bean
	DumpUploadsLifecycle flightRecorderDumpUploadsLifecycle(DumpUploads uploads,
			FlightRecorderStorageProperties properties) {
		return new DumpUploadsLifecycle(uploads, properties.getShutdownTimeout());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(S3Client.class)
	static class S3ClientConfiguration {

		@Bean(destroyMethod = "close")
		S3Client flightRecorderS3Client() {
			return S3Client.create();
		}

	}

}
