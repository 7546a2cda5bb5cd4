package org.normlab.app;

import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.normlab.app.session.RaceSetup;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** A test of the real window, headless (Monocle): the lab opened on {@link #race()} before each test, closed after. */
abstract class LabWindow {
    protected final FxRobot robot = new FxRobot();
    protected NormLabApp app;

    /** The race the window opens on. */
    protected abstract RaceSetup race();

    @BeforeEach
    void openWindow() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        app = (NormLabApp) FxToolkit.setupApplication(() -> new NormLabApp(race()));
    }

    @AfterEach
    void closeWindow() throws TimeoutException {
        FxToolkit.cleanupApplication(app);
    }
}
