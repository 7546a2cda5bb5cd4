package org.normlab.sim.model;

/** How initial weights are drawn (fan-in = a layer's input width). BN γ = 1, BN β = 0 always. */
public enum Initialization {
    /** He/Kaiming normal: {@code W ~ N(0, 2/fan_in)}, biases 0. */
    HE,
    /** Glorot/Xavier uniform: {@code W ~ U(±sqrt(6/(fan_in + fan_out)))}, biases 0. */
    XAVIER,
    /** PyTorch's {@code nn.Linear} default: {@code W, b ~ U(±1/sqrt(fan_in))}. */
    PYTORCH_UNIFORM
}
