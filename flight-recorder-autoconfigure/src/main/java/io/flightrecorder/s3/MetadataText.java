package io.flightrecorder.s3;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Text in an object's user metadata, which travels as an HTTP header and so must be printable
 * ASCII: every other character, and {@code %}, is percent-encoded as UTF-8, so that most
 * text reads as it is in a bucket's console.
 */
final class MetadataText {

	private MetadataText() {
	}

	/**
	 * Encodes text, cut to at most the given number of characters first.
	 */
	static String encode(String text, int maxLength) {
		String cut = (text.length() > maxLength) ? text.substring(0, maxLength) : text;
		ByteArrayOutputStream encoded = new ByteArrayOutputStream();
		for (byte b : cut.getBytes(StandardCharsets.UTF_8)) {
			if (b >= 0x20 && b < 0x7f && b != '%') {
				encoded.write(b);
			}
			else {
				encoded.writeBytes(String.format("%%%02X", b & 0xff).getBytes(StandardCharsets.US_ASCII));
			}
		}
		return encoded.toString(StandardCharsets.US_ASCII);
	}

	/**
	 * Decodes text that {@link #encode} encoded; text that is not so encoded (written by
	 * another tool) is returned as it is.
	 */
	static String decode(String text) {
		try {
			return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
