package com.coaching.exports.api.destination;

import com.coaching.exports.api.security.TrainerId;
import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.shared.destination.Destinations;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The destination an export or a schedule names must be the caller's own. */
@Component
public class DestinationOwnership {

    private final Destinations destinations;

    DestinationOwnership(Destinations destinations) {
        this.destinations = destinations;
    }

    /** Throws a {@code 400} naming {@code field} unless the id is none or one of the trainer's destinations. */
    public void require(TrainerId trainer, @Nullable UUID id, String field) {
        if (id != null && destinations.find(trainer.value(), id).isEmpty()) {
            throw ApiException.invalid(field, "is not one of your destinations: " + id);
        }
    }
}
