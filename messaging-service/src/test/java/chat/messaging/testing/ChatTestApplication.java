package chat.messaging.testing;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The whole messaging application, as {@code MessagingApplication} configures it (which is excluded
 * here because its own scan has no such filter), minus the configurations nested in other test
 * classes (their scan would otherwise pick them up when they are not recognised as test classes,
 * e.g. nested in an abstract base).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@ConfigurationPropertiesScan("chat.messaging")
@ComponentScan(
    basePackages = "chat.messaging",
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern = {
              ".*(Test|IT|Tests)(\\$.*)?",
              ".*\\.testing\\..*",
              "chat\\.messaging\\.MessagingApplication"
            }))
public class ChatTestApplication {}
