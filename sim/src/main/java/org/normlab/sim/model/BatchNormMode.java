package org.normlab.sim.model;

/** Which statistics BatchNorm uses: the batch's own (train mode) or its running averages (eval mode). */
public enum BatchNormMode { TRAIN, EVAL }
