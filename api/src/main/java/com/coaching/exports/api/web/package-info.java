@NullMarked
package com.coaching.exports.api.web;

import org.jspecify.annotations.NullMarked;
