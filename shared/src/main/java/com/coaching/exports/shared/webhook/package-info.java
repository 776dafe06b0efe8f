@NullMarked
package com.coaching.exports.shared.webhook;

import org.jspecify.annotations.NullMarked;
