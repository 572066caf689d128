package chat.logging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LoggingApplication {

  public static void main(String[] args) {
    SpringApplication.run(LoggingApplication.class, args);
  }
}
