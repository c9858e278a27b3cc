package io.flightrecorder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * A slow client: the first write signals {@link #entered} and then blocks until
 * {@link #open()} is called.
 */
public class GatedOutputStream extends OutputStream {

	public final CountDownLatch entered = new CountDownLatch(1);

	private final CountDownLatch gate = new CountDownLatch(1);

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		this.entered.countDown();
		try {
			this.gate.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		this.bytes.write(b, off, len);
	}

	public void open() {
		this.gate.countDown();
	}

	public byte[] toByteArray() {
		return this.bytes.toByteArray();
	}

}
