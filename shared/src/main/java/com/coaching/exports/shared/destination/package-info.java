@NullMarked
package com.coaching.exports.shared.destination;

import org.jspecify.annotations.NullMarked;
