package io.flightrecorder.actuate;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a {@link FlightRecording} to a Spring MVC response: sets its headers, streams the
 * snapshot and closes it, also when the client goes away mid-way.
 */
public class FlightRecordingHttpMessageConverter implements HttpMessageConverter<FlightRecording> {

	@Override
	public boolean canRead(Class<?> clazz, @Nullable MediaType mediaType) {
		return false;
	}

	@Override
	public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
		return FlightRecording.class.isAssignableFrom(clazz)
				&& (mediaType == null || MediaType.APPLICATION_OCTET_STREAM.isCompatibleWith(mediaType));
	}

	@Override
	public List<MediaType> getSupportedMediaTypes() {
		return List.of(MediaType.APPLICATION_OCTET_STREAM);
	}

	@Override
	public FlightRecording read(Class<? extends FlightRecording> clazz, HttpInputMessage inputMessage) {
		throw new HttpMessageNotReadableException("A flight recording is written, never read", inputMessage);
	}

	@Override
	public void write(FlightRecording recording, @Nullable MediaType contentType, HttpOutputMessage outputMessage)
			throws IOException {
		try (recording) {
			recording.writeHeaders(outputMessage.getHeaders());
			recording.writeTo(outputMessage.getBody());
		}
	}

}
