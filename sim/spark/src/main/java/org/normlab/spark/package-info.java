/**
 * Sweeps on Apache Spark: {@link org.normlab.spark.SparkEngine} runs a sweep's trials as Spark tasks. A module of
 * its own, so that Spark is never on the lab's class path; {@code normlab sweep --engine spark} finds it through
 * {@link java.util.ServiceLoader} when this module is on the class path ({@code sim/spark/normlab-spark}, or
 * {@code spark-submit} of this module's jar).
 */
package org.normlab.spark;
