package com.coaching.exports.api.dataset;

import com.coaching.exports.shared.dataset.Dataset;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/datasets}: what can be exported and how, so clients build their forms from it. */
@RestController
@Tag(name = "datasets", description = "What can be exported")
public class DatasetController {

    @Operation(
            summary = "The datasets",
            description = "Each dataset with its columns (header and cell type, in contract order) and the"
                    + " request fields it takes, with their allowed values, ranges and defaults.")
    @ApiResponse(responseCode = "200", description = "The datasets", useReturnTypeSchema = true)
    @GetMapping(path = "/api/v1/datasets", produces = MediaType.APPLICATION_JSON_VALUE)
    DatasetList list() {
        return new DatasetList(
                Arrays.stream(Dataset.values()).map(DatasetView::of).toList());
    }
}
