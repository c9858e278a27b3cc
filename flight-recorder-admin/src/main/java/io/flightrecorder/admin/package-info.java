/**
 * The Spring Boot Admin server's side of the "Flight recorder" tab.
 */
@NullMarked
package io.flightrecorder.admin;

import org.jspecify.annotations.NullMarked;
