package io.flightrecorder.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * What a {@code flight-recorder.*} property accepts, said from what is already written: the
 * configuration metadata that the annotation processor generates from each property's
 * javadoc, with its type and hints, so that a failure analysis repeats no table of its own.
 * A property of an element of a list or map (such as {@code flight-recorder.events[0].threshold})
 * is not in the metadata: it is described by its list's description and its field's type.
 */
final class PropertyDescriptions {

	private static final String DURATION = "a duration: a number with a unit ns, us, ms, s, m, h or d, such as "
			+ "500ms, 10s or 2m, or ISO-8601 such as PT10S; a plain number means milliseconds";

	private static final String DATA_SIZE = "a data size: a number with a unit B, KB, MB, GB or TB (binary "
			+ "multiples), such as 512KB, 10MB or 1GB; a plain number means bytes";

	private final Map<String, Property> properties;

	private final ClassLoader classLoader;

	private PropertyDescriptions(Map<String, Property> properties, ClassLoader classLoader) {
		this.properties = properties;
		this.classLoader = classLoader;
	}

	/**
	 * Reads the metadata of every jar on the class path of the given class loader.
	 */
	static PropertyDescriptions load(ClassLoader classLoader) {
		Map<String, Property> properties = new HashMap<>();
		for (String file : List.of("spring-configuration-metadata.json",
				"additional-spring-configuration-metadata.json")) {
			try {
				Enumeration<URL> resources = classLoader.getResources("META-INF/" + file);
				while (resources.hasMoreElements()) {
					read(resources.nextElement(), properties);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return new PropertyDescriptions(properties, classLoader);
	}

	@SuppressWarnings("unchecked")
	private static void read(URL resource, Map<String, Property> properties) throws IOException {
		try (InputStream in = resource.openStream()) {
			Map<String, Object> json = JsonParserFactory.getJsonParser()
				.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			for (Map<String, Object> property : (List<Map<String, Object>>) json.getOrDefault("properties", List.of())) {
				properties.merge((String) property.get("name"),
						new Property((String) property.get("type"), (String) property.get("description"), List.of()),
						Property::or);
			}
			for (Map<String, Object> hint : (List<Map<String, Object>>) json.getOrDefault("hints", List.of())) {
				List<String> values = ((List<Map<String, Object>>) hint.getOrDefault("values", List.of())).stream()
					.map((value) -> String.valueOf(value.get("value")))
					.toList();
				properties.merge((String) hint.get("name"), new Property(null, null, values), Property::or);
			}
		}
	}

	/**
	 * Says what a property accepts, such as
	 * {@code a data size: ... Approximate size of the ring ... Must be positive.}, or
	 * returns {@code null} for a property the metadata does not know.
	 * @param name the property's name as bound, with indexes, such as
	 * {@code flight-recorder.events[0].threshold}
	 */
	@Nullable String accepted(String name) {
		Property property = this.properties.get(name);
		if (property != null) {
			String kind = (!property.hints().isEmpty()) ? oneOf(property.hints()) : kind(type(property.type()));
			return join(kind, property.description());
		}
		String parentName = this.properties.keySet()
			.stream()
			.filter((known) -> name.startsWith(known + "[") || name.startsWith(known + "."))
			.max(Comparator.comparingInt(String::length))
			.orElse(null);
		if (parentName == null) {
			return null;
		}
		Property parent = this.properties.get(parentName);
		Class<?> field = fieldType(parent.type(), name.substring(parentName.length()));
		return join((field != null) ? kind(field) : null, parent.description());
	}

	/**
	 * Returns the type of the field that a path such as {@code [0].threshold} or
	 * {@code .name.events[0].threshold} names: first the element's index or key, then the
	 * fields inside the element of the given collection type.
	 */
	private @Nullable Class<?> fieldType(@Nullable String collectionType, String path) {
		Type type = element(collectionType);
		String inElement = (path.startsWith("[")) ? path.substring(path.indexOf(']') + 1)
				: path.substring(path.indexOf('.', 1) + 1);
		for (String segment : inElement.replaceAll("\\[[^]]*]", "").split("\\.")) {
			if (segment.isEmpty()) {
				continue;
			}
			Class<?> owner = raw(type);
			Field field = (owner != null) ? field(owner, segment) : null;
			if (field == null) {
				return null;
			}
			type = field.getGenericType();
			if (type instanceof ParameterizedType parameterized
					&& (Collection.class.isAssignableFrom(raw(type)) || Map.class.isAssignableFrom(raw(type)))) {
				Type[] arguments = parameterized.getActualTypeArguments();
				type = arguments[arguments.length - 1];
			}
		}
		return raw(type);
	}

	private @Nullable Type element(@Nullable String collectionType) {
		if (collectionType == null || !collectionType.endsWith(">")) {
			return null;
		}
		String arguments = collectionType.substring(collectionType.indexOf('<') + 1, collectionType.length() - 1);
		return type(arguments.substring(arguments.lastIndexOf(',') + 1).trim());
	}

	/**
	 * Returns the field of a class or its superclasses that binds the given segment of a
	 * property name, by Boot's own dashed form of a field's name.
	 */
	private static @Nullable Field field(Class<?> owner, String dashedName) {
		for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (DataObjectPropertyName.toDashedForm(field.getName()).equals(dashedName)) {
					return field;
				}
			}
		}
		return null;
	}

	private static @Nullable Class<?> raw(@Nullable Type type) {
		if (type instanceof Class<?> type1) {
			return type1;
		}
		return (type instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType() : null;
	}

	private @Nullable Class<?> type(@Nullable String name) {
		if (name == null || name.contains("<")) {
			return null;
		}
		try {
			return ClassUtils.forName(name, this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * Says what values of a type are accepted, for the types a property's javadoc does not
	 * spell out.
	 */
	private static @Nullable String kind(@Nullable Class<?> type) {
		if (type == null) {
			return null;
		}
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (boxed == Boolean.class) {
			return "true or false";
		}
		if (boxed == Duration.class) {
			return DURATION;
		}
		if (boxed == DataSize.class) {
			return DATA_SIZE;
		}
		if (boxed == Integer.class || boxed == Long.class) {
			return "a whole number";
		}
		if (boxed == Double.class || boxed == Float.class) {
			return "a number";
		}
		if (type.isEnum()) {
			return oneOf(Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.toList());
		}
		return null;
	}

	private static String oneOf(List<String> values) {
		return "one of " + String.join(", ", values);
	}

	private static String join(@Nullable String kind, @Nullable String description) {
		String described = (description != null) ? description : "";
		return (kind != null) ? kind + ". " + described : "a value as its description says: " + described;
	}

	private record Property(@Nullable String type, @Nullable String description, List<String> hints) {

		Property or(Property other) {
			return new Property((this.type != null) ? this.type : other.type,
					(this.description != null) ? this.description : other.description,
					this.hints.isEmpty() ? other.hints : this.hints);
		}

	}

}
