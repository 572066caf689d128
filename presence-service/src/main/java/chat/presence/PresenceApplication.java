package chat.presence;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PresenceApplication {

  public static void main(String[] args) {
    SpringApplication.run(PresenceApplication.class, args);
  }
}
