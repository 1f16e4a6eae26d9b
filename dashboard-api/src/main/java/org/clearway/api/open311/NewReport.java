package org.clearway.api.open311;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A citizen's report as posted to {@code requests.json}, checked field by field. Contact details
 * (email, names, phone, device id) are kept for the city and never served back.
 */
public record NewReport(Open311Service service, double lat, double lon, String address, String description,
                        String mediaUrl, String email, String firstName, String lastName, String phone,
                        String deviceId) {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");
    private static final Pattern PHONE = Pattern.compile("^[0-9+()./ -]{3,50}$");

    /**
     * @param field the request's value of a GeoReport v2 field (form or JSON), or null when absent
     * @throws Open311Exception 400 naming the field and what it takes
     */
    public static NewReport parse(Function<String, String> field) {
        String code = text(field, "service_code", 64);
        if (code == null) {
            throw Open311Exception.badRequest("service_code is required: one of overflowing_bin, damaged_bin, illegal_dumping");
        }
        Open311Service service = Open311Service.byCode(code).orElseThrow(() -> Open311Exception.badRequest(
                "service_code " + code + " is not a service here: see GET /open311/v2/services.json"));
        String latText = text(field, "lat", 32);
        String lonText = text(field, "long", 32);
        if (latText == null || lonText == null) {
            throw Open311Exception.badRequest("lat and long are required (WGS 84 degrees): this server does not geocode"
                    + " address_string or address_id");
        }
        double lat = degrees("lat", latText, 90);
        double lon = degrees("long", lonText, 180);
        String email = text(field, "email", 320);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw Open311Exception.badRequest("email is not an e-mail address");
        }
        String phone = text(field, "phone", 50);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw Open311Exception.badRequest("phone may hold digits, spaces and + ( ) . / - only (3 to 50 characters)");
        }
        return new NewReport(service, lat, lon, text(field, "address_string", 500), text(field, "description", 4000),
                mediaUrl(text(field, "media_url", 2000)), email, text(field, "first_name", 200),
                text(field, "last_name", 200), phone, text(field, "device_id", 200));
    }

    private static String text(Function<String, String> field, String name, int maxLength) {
        String value = field.apply(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw Open311Exception.badRequest(name + " is longer than " + maxLength + " characters");
        }
        if (trimmed.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw Open311Exception.badRequest(name + " holds control characters");
        }
        return trimmed;
    }

    private static double degrees(String name, String text, double max) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw Open311Exception.badRequest(name + " is not a number of degrees: " + abbreviate(text));
        }
        if (!Double.isFinite(value) || value < -max || value > max) {
            throw Open311Exception.badRequest(name + " must be between -" + (int) max + " and " + (int) max);
        }
        return value;
    }

    private static String mediaUrl(String text) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw Open311Exception.badRequest("media_url must be an http or https URL");
    }

    private static String abbreviate(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "...";
    }
}
