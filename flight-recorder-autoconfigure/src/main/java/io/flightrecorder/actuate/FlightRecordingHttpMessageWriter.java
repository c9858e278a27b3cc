package io.flightrecorder.actuate;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.HttpMessageWriter;

/**
 * Writes a {@link FlightRecording} to a Spring WebFlux response: sets its headers, streams
 * the snapshot from a blocking-capable thread, and closes it when the response completes,
 * fails or is cancelled, on whichever thread that happens.
 */
public class FlightRecordingHttpMessageWriter implements HttpMessageWriter<FlightRecording> {

	private static final int BUFFER_SIZE = 64 * 1024;

	@Override
	public List<MediaType> getWritableMediaTypes() {
		return List.of(MediaType.APPLICATION_OCTET_STREAM);
	}

	@Override
	public boolean canWrite(ResolvableType elementType, @Nullable MediaType mediaType) {
		return FlightRecording.class.isAssignableFrom(elementType.toClass())
				&& (mediaType == null || MediaType.APPLICATION_OCTET_STREAM.isCompatibleWith(mediaType));
	}

	@Override
	public Mono<Void> write(Publisher<? extends FlightRecording> inputStream, ResolvableType elementType,
			@Nullable MediaType mediaType, ReactiveHttpOutputMessage message, Map<String, Object> hints) {
		return Mono.from(inputStream).flatMap((recording) -> write(recording, message));
	}

	private Mono<Void> write(FlightRecording recording, ReactiveHttpOutputMessage message) {
		recording.writeHeaders(message.getHeaders());
		Flux<DataBuffer> body = DataBufferUtils
			.readInputStream(recording::getInputStream, message.bufferFactory(), BUFFER_SIZE)
			.subscribeOn(Schedulers.boundedElastic());
		return message.writeWith(body).doFinally((signal) -> {
			if (signal == SignalType.ON_COMPLETE) {
				recording.close();
			}
			else {
				recording.abort();
			}
		});
	}

}
