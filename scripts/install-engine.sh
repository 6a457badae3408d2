#!/usr/bin/env bash
# What the real-engine lane (npm run test:engine) needs: Debian's spring 106 package
# (spring-headless, the stock Lua content, NullAI) and unzip (the lane takes the engine's stock
# gadgets out of springcontent.sdz).
exec "$(dirname "$0")/apt-install.sh" --no-install-recommends spring unzip
