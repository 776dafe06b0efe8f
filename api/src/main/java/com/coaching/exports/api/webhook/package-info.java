@NullMarked
package com.coaching.exports.api.webhook;

import org.jspecify.annotations.NullMarked;
