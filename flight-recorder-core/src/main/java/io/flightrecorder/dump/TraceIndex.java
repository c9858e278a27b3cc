package io.flightrecorder.dump;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import org.jspecify.annotations.Nullable;

/**
 * The index of the trace IDs in dumps: for each dump, the observations it holds that carry a
 * trace ID, read once from it, so that a dump is found by a trace ID without being read
 * again.
 * <p>
 * An index is gzipped UTF-8 text: for each dump, a line naming the format, a line naming the
 * dump, and a line per traced observation. The indexes of several dumps make one index
 * ({@link #merger}), so that one file (an instance's, in object storage) serves a lookup over
 * all of them. Each is written and read as a stream: neither grows the heap with the dumps.
 */
public final class TraceIndex {

	/**
	 * The name of the events indexed.
	 */
	public static final String OBSERVATION = "io.flightrecorder.Observation";

	private static final String FORMAT = "flight-recorder trace index 1";

	private static final String DUMP = "d\t";

	private static final String OBSERVED = "o\t";

	private static final int FIELDS = 8;

	/**
	 * What every JFR recording begins with; the JDK's parser reads a file that does not as
	 * one without events.
	 */
	private static final byte[] MAGIC = { 'F', 'L', 'R', 0 };

	private TraceIndex() {
	}

	/**
	 * Writes the index of one dump, read from its recording: the
	 * {@code io.flightrecorder.Observation} events that have a trace ID. Only those events are
	 * parsed. A recording without any gives an index that says so, so that it is not read
	 * again.
	 * @param recording the dump's file
	 * @param name the dump's name
	 * @param out where to write the index; closed
	 * @throws IOException if the recording cannot be read or is not one, or the index cannot
	 * be written
	 */
	public static void write(Path recording, String name, OutputStream out) throws IOException {
		try (InputStream in = Files.newInputStream(recording)) {
			if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
				throw new IOException(recording + " is not a JFR recording: it does not begin with JFR's magic bytes");
			}
		}
		try (Writer writer = writer(out); EventStream stream = EventStream.openFile(recording)) {
			writer.write(FORMAT + "\n" + DUMP + escape(name) + "\n");
			stream.onEvent(OBSERVATION, (event) -> {
				try {
					writeObservation(writer, event);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			stream.start();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	private static void writeObservation(Writer writer, RecordedEvent event) throws IOException {
		String traceId = string(event, "traceId");
		if (traceId == null || traceId.isEmpty()) {
			return;
		}
		Instant start = event.getStartTime();
		writer.write(OBSERVED + escape(traceId) + "\t" + escape(string(event, "spanId")) + "\t"
				+ (start.getEpochSecond() * 1_000_000_000L + start.getNano()) + "\t" + event.getDuration().toNanos()
				+ "\t" + escape(string(event, "name")) + "\t" + escape(string(event, "method")) + "\t"
				+ escape(string(event, "uri")) + "\n");
	}

	/**
	 * Finds the observations of a trace in an index.
	 * @param index the index, read to its end; not closed
	 * @param id the trace
	 * @return each dump the index covers, in its order, with the observations of the trace
	 * it holds; none for a dump that holds none
	 * @throws IOException if the index cannot be read, or is not one (corrupt, cut short)
	 */
	public static Map<String, List<TracedObservation>> find(InputStream index, TraceId id) throws IOException {
		Map<String, List<TracedObservation>> dumps = new LinkedHashMap<>();
		read(index, new Reading() {

			private List<TracedObservation> current = new ArrayList<>();

			@Override
			public void dump(String name, String lines) {
				this.current = new ArrayList<>();
				dumps.put(name, this.current);
			}

			@Override
			public void observation(String line, int number) throws IOException {
				TracedObservation observation = TraceIndex.observation(line, number);
				if (id.matches(observation.traceId())) {
					this.current.add(observation);
				}
			}

		});
		return dumps;
	}

	/**
	 * Returns a writer of one index made of the indexes of dumps taken from others, such as
	 * an instance's index of all its dumps, rewritten with one dump more and some fewer. It
	 * writes a single gzip member: JDK 17 to 22 stop reading concatenated members where the
	 * stream has no bytes available at once, as a network stream may (JDK-7036144).
	 * @param out where to write the index; not closed
	 * @return the writer, to close when all is added
	 * @throws IOException if the index cannot be written
	 */
	public static Merger merger(OutputStream out) throws IOException {
		return new Merger(out);
	}

	/**
	 * Writes one index made of the indexes of dumps taken from others, checking the form of
	 * every line it takes.
	 */
	public static final class Merger implements Closeable {

		private final GZIPOutputStream gzip;

		private final Writer writer;

		private Merger(OutputStream out) throws IOException {
			this.gzip = new GZIPOutputStream(out);
			this.writer = new OutputStreamWriter(this.gzip, StandardCharsets.UTF_8);
		}

		/**
		 * Adds the indexes of some of the dumps an index covers, as they are.
		 * @param index the index, read to its end; not closed
		 * @param keep whether to add a dump's index, by the dump's name
		 * @throws IOException if the index cannot be read, is not one, or cannot be written
		 */
		public void add(InputStream index, Predicate<String> keep) throws IOException {
			Writer writer = this.writer;
			read(index, new Reading() {

				private boolean adding;

				@Override
				public void dump(String name, String lines) throws IOException {
					this.adding = keep.test(name);
					if (this.adding) {
						writer.write(lines + "\n");
					}
				}

				@Override
				public void observation(String line, int number) throws IOException {
					TraceIndex.observation(line, number);
					if (this.adding) {
						writer.write(line + "\n");
					}
				}

			});
		}

		/**
		 * Finishes the index; the stream it is written to is left open.
		 */
		@Override
		public void close() throws IOException {
			this.writer.flush();
			this.gzip.finish();
		}

	}

	/**
	 * Reads an index line by line, checking its form: each dump's lines begin with the
	 * format's name and the dump's name.
	 */
	private static void read(InputStream index, Reading reading) throws IOException {
		BufferedReader reader = reader(index);
		boolean inDump = false;
		boolean dumpNext = false;
		int number = 0;
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			number++;
			if (dumpNext) {
				if (!line.startsWith(DUMP)) {
					throw corrupt(number, "no dump's name");
				}
				dumpNext = false;
				inDump = true;
				reading.dump(unescape(line.substring(DUMP.length())), FORMAT + "\n" + line);
			}
			else if (line.equals(FORMAT)) {
				dumpNext = true;
			}
			else if (inDump && line.startsWith(OBSERVED)) {
				reading.observation(line, number);
			}
			else {
				throw corrupt(number, "an unexpected line");
			}
		}
		if (dumpNext) {
			throw corrupt(number, "no dump's name after it");
		}
	}

	/**
	 * What is done with the lines of an index, as they are read.
	 */
	private interface Reading {

		/**
		 * A dump's index begins.
		 * @param name the dump's name
		 * @param lines the lines that begin it, without the last line break
		 */
		void dump(String name, String lines) throws IOException;

		/**
		 * A line of an observation of the dump.
		 */
		void observation(String line, int number) throws IOException;

	}

	private static TracedObservation observation(String line, int number) throws IOException {
		String[] fields = line.split("\t", -1);
		if (fields.length != FIELDS) {
			throw corrupt(number, fields.length + " fields, not " + FIELDS);
		}
		try {
			long start = Long.parseLong(fields[3]);
			String name = unescape(fields[5]);
			return new TracedObservation(unescape(fields[1]), nullIfEmpty(unescape(fields[2])),
					name.isEmpty() ? "(not recorded)" : name, nullIfEmpty(unescape(fields[6])),
					nullIfEmpty(unescape(fields[7])),
					Instant.ofEpochSecond(Math.floorDiv(start, 1_000_000_000L), Math.floorMod(start, 1_000_000_000L)),
					Duration.ofNanos(Long.parseLong(fields[4])));
		}
		catch (NumberFormatException ex) {
			throw corrupt(number, ex.getMessage());
		}
	}

	private static Writer writer(OutputStream out) throws IOException {
		return new OutputStreamWriter(new GZIPOutputStream(out), StandardCharsets.UTF_8);
	}

	private static BufferedReader reader(InputStream in) throws IOException {
		return new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
	}

	private static IOException corrupt(int line, @Nullable String what) {
		return new IOException("Not a trace index: line " + line + " has " + what);
	}

	private static @Nullable String string(RecordedEvent event, String field) {
		return event.hasField(field) ? event.getString(field) : null;
	}

	private static @Nullable String nullIfEmpty(String value) {
		return value.isEmpty() ? null : value;
	}

	/**
	 * Returns a recorded string as one field of a line: tabs, line breaks and backslashes
	 * escaped; none as empty.
	 */
	private static String escape(@Nullable String value) {
		if (value == null) {
			return "";
		}
		return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
	}

	private static String unescape(String field) {
		if (field.indexOf('\\') < 0) {
			return field;
		}
		StringBuilder value = new StringBuilder(field.length());
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c == '\\' && i + 1 < field.length()) {
				char next = field.charAt(++i);
				value.append(switch (next) {
					case 't' -> '\t';
					case 'n' -> '\n';
					case 'r' -> '\r';
					default -> next;
				});
			}
			else {
				value.append(c);
			}
		}
		return value.toString();
	}

}
