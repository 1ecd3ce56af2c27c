#!/bin/sh
# fluxrp launcher: a shell stub followed by the fluxrp jar. It finds a JDK 21+ and runs the jar.
