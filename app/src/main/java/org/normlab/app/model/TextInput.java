package org.normlab.app.model;

/** Numbers typed into the lab's fields, read with a message that names the field when they are not numbers. */
final class TextInput {

    private TextInput() {
    }

    static double number(String field, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number, was '" + text + "'");
        }
    }

    static int integer(String field, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be an integer, was '" + text + "'");
        }
    }
}
