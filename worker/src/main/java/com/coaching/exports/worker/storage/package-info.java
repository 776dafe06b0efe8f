@NullMarked
package com.coaching.exports.worker.storage;

import org.jspecify.annotations.NullMarked;
