@NullMarked
package com.coaching.exports.api.security;

import org.jspecify.annotations.NullMarked;
