package org.normlab.app.model;

/** Node ids made from run names, which may hold characters a CSS id selector cannot ({@code sgd+wd}). */
public final class Ids {

    private Ids() {
    }

    /** {@code name} with every character other than a letter, digit or {@code -} replaced by {@code _}. */
    public static String of(String name) {
        return name.replaceAll("[^A-Za-z0-9-]", "_");
    }
}
