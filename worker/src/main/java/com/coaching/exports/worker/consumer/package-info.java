@NullMarked
package com.coaching.exports.worker.consumer;

import org.jspecify.annotations.NullMarked;
