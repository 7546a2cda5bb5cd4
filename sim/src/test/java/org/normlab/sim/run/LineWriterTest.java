package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed process leaves on disk: whole lines only, at any moment. */
class LineWriterTest {
    private static final int ROWS = 3000;

    @TempDir
    Path temp;

    @Test
    void whatIsOnDiskAfterAnyNumberOfRowsParsesLineByLine() throws IOException {
        Path file = temp.resolve(RunRecorder.METRICS);
        MetricsCsv metrics = new MetricsCsv(new LineWriter(file, Files.newOutputStream(file)));
        SplittableRandom random = new SplittableRandom(1);
        int longestSeen = 0;
        for (int row = 1; row <= ROWS; row++) {
            // values of every length, so no buffer size ever lines up with the rows
            metrics.write("sgd", row, Metric.TRAIN_LOSS, random.nextDouble() * Math.pow(10, random.nextInt(-300, 300)));
            String onDisk = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(onDisk.isEmpty() || onDisk.endsWith("\n"), "after row " + row + " the file ends mid-line: …"
                    + onDisk.substring(Math.max(0, onDisk.length() - 40)));
            List<String> lines = onDisk.lines().toList();
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                assertEquals(4, cells.length, lines.get(i));
                assertEquals(i, Long.parseLong(cells[1]), lines.get(i));
                Double.parseDouble(cells[3]);
            }
            longestSeen = Math.max(longestSeen, lines.size());
        }
        assertTrue(longestSeen > ROWS / 2, "rows reach the disk before close: " + longestSeen + " lines seen");
    }

    @Test
    void aFullDiskIsAFailureNamingTheFile() throws IOException {
        Path full = Path.of("/dev/full");
        LineWriter writer = new LineWriter(full, Files.newOutputStream(full));
        writer.line("run,step,metric,value");
        FileSystemException failure = assertThrows(FileSystemException.class, writer::flush);
        assertEquals(full.toString(), failure.getFile());
        assertEquals("No space left on device", failure.getReason());
    }
}
