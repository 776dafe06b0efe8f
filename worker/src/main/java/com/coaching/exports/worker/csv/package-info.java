@NullMarked
package com.coaching.exports.worker.csv;

import org.jspecify.annotations.NullMarked;
