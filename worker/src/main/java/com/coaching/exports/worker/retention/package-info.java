@NullMarked
package com.coaching.exports.worker.retention;

import org.jspecify.annotations.NullMarked;
