/**
 * The files the apps-home group's facts were read from, at pinned commits
 * (the catalog and the pod expectations cite lines of these).
 */
const GH = 'https://github.com';

export const JELLYFIN = `${GH}/jellyfin/jellyfin-packaging/blob/d63a14a12e598356ff91bf9f7fadde7b41e6725d/docker/Dockerfile`;
export const JELLYFIN_PATHS = `${GH}/jellyfin/jellyfin/blob/01663caaebc5c4553db4158e57082481fc26d44f/Emby.Server.Implementations/AppBase/BaseApplicationPaths.cs`;
export const PIHOLE = `${GH}/pi-hole/docker-pi-hole/blob/019e37c76231cef7dee7f1d18b6c3562c356a79c/src/Dockerfile`;
export const PIHOLE_START = `${GH}/pi-hole/docker-pi-hole/blob/0324370be59d3e64148635b6d4ba44082e1a4aff/src/start.sh`;
export const SYNAPSE = `${GH}/element-hq/synapse/blob/03ba104f8da3f555dce708e0a7f3a767897eecd0/docker/Dockerfile`;
export const SYNAPSE_START = `${GH}/element-hq/synapse/blob/20bd26ecad423ea05f58df90c5d53bb9db6db307/docker/start.py`;
export const GOTIFY = `${GH}/gotify/server/blob/02f22121dfd8219eddefb1fc45934afa725d4a75/docker/Dockerfile`;
export const GOTIFY_CONFIG = `${GH}/gotify/server/blob/0eb4fe0bb0a3aa2b4557f464b57a2fcdf6c9c33c/config/config.go`;
export const MINIFLUX = `${GH}/miniflux/v2/blob/00bddbb941260b3c5dd01595443f218835ab9392/packaging/docker/alpine/Dockerfile`;
export const MOSQUITTO = `${GH}/eclipse/mosquitto/blob/192b7d88f3b434127466c4ed73f79cae17c3c42f/docker/2.0/Dockerfile`;
export const NODE_RED = `${GH}/node-red/node-red-docker/blob/09c1708dcb9708026af0a8713678344a9548e630/.docker/Dockerfile.alpine`;
