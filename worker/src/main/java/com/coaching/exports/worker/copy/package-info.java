@NullMarked
package com.coaching.exports.worker.copy;

import org.jspecify.annotations.NullMarked;
