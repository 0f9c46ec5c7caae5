#!/usr/bin/env bash
# Regenerates every icon from assets/icon.svg, so the mark has one source.
# Needs: rsvg-convert (librsvg2-bin), ImageMagick `convert`, png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rsvg-convert -w 1024 -h 1024 icon.svg -o "$tmp/1024.png"
mkdir -p icons
for size in 16 32 48 64 128 256 512; do
  convert "$tmp/1024.png" -resize "${size}x${size}" -strip "PNG32:icons/${size}x${size}.png"
done
cp icons/512x512.png icon.png
png2icns icon.icns icons/16x16.png icons/32x32.png icons/128x128.png icons/256x256.png icons/512x512.png
convert icons/16x16.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png icons/256x256.png icon.ico
