package dev.edgeauth.taskservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The task backend behind the gateway. It knows nothing about tokens: it trusts the
 * identity the gateway forwards ({@code X-User-Id}) and keeps each user's tasks apart by
 * it.
 */
@SpringBootApplication
public class TaskServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TaskServiceApplication.class, args);
    }

}
