@NullMarked
package com.coaching.exports.embedded.faults;

import org.jspecify.annotations.NullMarked;
