package dev.pacer.agent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reading a key by argument and property path. */
class KeyExtractorTest {

    @Test
    void argumentIsKey() {
        assertThat(new KeyExtractor("arg1").extract(new Object[] {"x", 42})).isEqualTo("42");
    }

    @Test
    void pathUsesGetterAccessorAndField() {
        Order order = new Order(new Customer("c-7", true));

        assertThat(new KeyExtractor("arg0.customer.id").extract(new Object[] {order})).isEqualTo("c-7");
        assertThat(new KeyExtractor("arg0.customer.premium").extract(new Object[] {order})).isEqualTo("true");
        assertThat(new KeyExtractor("arg0.customer.region").extract(new Object[] {order})).isEqualTo("eu");
    }

    @Test
    void nullAlongPathIsNullKey() {
        assertThat(new KeyExtractor("arg0.customer.id").extract(new Object[] {new Order(null)})).isEqualTo("null");
        assertThat(new KeyExtractor("arg0").extract(new Object[] {null})).isEqualTo("null");
    }

    @Test
    void missingPropertyThrows() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new KeyExtractor("arg0.missing").extract(new Object[] {"text"}));

        assertThat(error).hasMessage("java.lang.String has no getter, accessor or field named missing");
    }

    @Test
    void argumentBeyondParametersThrows() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new KeyExtractor("arg2").extract(new Object[] {"a"}));

        assertThat(error).hasMessage("the key arg2 names argument 2, but the method has 1 arguments");
    }

    /** An order whose customer is read by a record accessor. */
    record Order(Customer customer) {
    }

    /** A customer with a getter, a boolean getter and a private field. */
    static final class Customer {
        private final String id;
        private final boolean premium;
        @SuppressWarnings("unused")
        private final String region = "eu";

        Customer(String id, boolean premium) {
            this.id = id;
            this.premium = premium;
        }

        public String getId() {
            return id;
        }

        public boolean isPremium() {
            return premium;
        }
    }
}
