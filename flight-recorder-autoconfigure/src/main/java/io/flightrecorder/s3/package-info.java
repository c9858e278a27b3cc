/**
 * A {@link io.flightrecorder.storage.DumpStorage} on an S3-compatible bucket (AWS S3, MinIO,
 * Ceph, Cloudflare R2, Google Cloud Storage's S3 interface), through the AWS SDK for Java 2.
 */
@NullMarked
package io.flightrecorder.s3;

import org.jspecify.annotations.NullMarked;
