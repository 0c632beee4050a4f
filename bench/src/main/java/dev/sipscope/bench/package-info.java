/**
 * JMH benchmarks of the hot paths. Build with {@code mvn -pl bench -am package -DskipTests}, run
 * {@code java -jar bench/target/benchmarks.jar}; inputs come from {@code bench/reader-vs-tcpdump.sh}.
 */
package dev.sipscope.bench;
