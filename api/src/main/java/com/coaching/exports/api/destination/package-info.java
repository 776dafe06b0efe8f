@NullMarked
package com.coaching.exports.api.destination;

import org.jspecify.annotations.NullMarked;
