@NullMarked
package com.coaching.exports.worker.webhook;

import org.jspecify.annotations.NullMarked;
