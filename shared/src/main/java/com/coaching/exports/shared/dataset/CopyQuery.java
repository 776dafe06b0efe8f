package com.coaching.exports.shared.dataset;

import java.util.List;
import java.util.Map;

/**
 * A dataset's query made ready for {@code COPY}, which takes no bind parameters: typed values are
 * written in as literals ({@link Dataset#inlinedSql}), and a list of text (the status filter) is read
 * from a setting of the transaction, {@code current_setting('exports.<name>')}, which the reader sets
 * with a bound parameter in the COPY's transaction before it runs. No text a client sent is ever part
 * of the statement.
 *
 * @param sql the query, without {@code COPY}
 * @param settings each setting's name ({@code exports.status}) and the values it holds
 */
public record CopyQuery(String sql, Map<String, List<String>> settings) {

    public CopyQuery {
        settings = Map.copyOf(settings);
    }

    /** The same settings around another statement: the query within a {@code COPY}. */
    public CopyQuery withSql(String statement) {
        return new CopyQuery(statement, settings);
    }
}
