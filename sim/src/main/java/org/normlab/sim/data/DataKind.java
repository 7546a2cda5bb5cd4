package org.normlab.sim.data;

/** The data sets NormLab can train on. */
public enum DataKind { SPIRALS, MOONS, CIRCLES, XOR, BLOBS, TEACHER_STUDENT, MNIST }
