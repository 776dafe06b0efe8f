@NullMarked
package com.coaching.exports.api.export;

import org.jspecify.annotations.NullMarked;
