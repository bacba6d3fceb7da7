{{/*
erplink chart helpers. Every per-service template ranges over "erplink.components" and gets a
context dict: {root: $, component: "live-service", svc: <the service's values>}.
*/}}

{{- define "erplink.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "erplink.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "erplink.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The services: component name -> key in values. Sorted output keeps renders stable. */}}
{{- define "erplink.components" -}}
live-service: liveService
batch-service: batchService
mapping-service: mappingService
order-queue-service: orderQueueService
erp-simulator: erpSimulator
operator-console: operatorConsole
{{- end -}}

{{/* Name of a component's objects: <fullname>-<component>, at most 63 characters. */}}
{{- define "erplink.componentName" -}}
{{- printf "%s-%s" (include "erplink.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object. Call with the root context or a component context. */}}
{{- define "erplink.labels" -}}
{{- $root := .root | default . -}}
helm.sh/chart: {{ include "erplink.chart" $root }}
app.kubernetes.io/name: {{ include "erplink.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
app.kubernetes.io/part-of: erplink
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- with $root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of a component (immutable: never add version here). */}}
{{- define "erplink.selectorLabels" -}}
app.kubernetes.io/name: {{ include "erplink.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* metadata.annotations from commonAnnotations plus extra ones (dict "root" $ "extra" map). */}}
{{- define "erplink.annotations" -}}
{{- $all := merge (deepCopy (.extra | default dict)) (.root.Values.commonAnnotations | default dict) -}}
{{- with $all }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "erplink.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "erplink.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* <registry>/<repository>:<tag> of a component. */}}
{{- define "erplink.image" -}}
{{- $registry := .svc.image.registry | default .root.Values.image.registry -}}
{{- $tag := .svc.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry .svc.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .svc.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/*
The Secret every service reads. Refuses to render without one: an existing Secret, or one
created from values passed at install time.
*/}}
{{- define "erplink.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else if .Values.secrets.create -}}
{{- printf "%s-secrets" (include "erplink.fullname" .) -}}
{{- else -}}
{{- fail "\n\nerplink needs credentials: set secrets.existingSecret to the name of a Secret with the keys database-password and erp-secret\n(kubectl create secret generic erplink-secrets --from-literal=database-password=... --from-literal=erp-secret=...),\nor set secrets.create=true and pass secrets.values.databasePassword and secrets.values.erpSecret at install time.\nSee docs/operations.md." -}}
{{- end -}}
{{- end -}}

{{/* The ERP connector URL: erp.url, or the simulator of this release. */}}
{{- define "erplink.erpUrl" -}}
{{- if .Values.erp.url -}}
{{- .Values.erp.url -}}
{{- else if .Values.erpSimulator.enabled -}}
{{- printf "http://%s:%d/connector" (include "erplink.componentName" (dict "root" . "component" "erp-simulator")) (int .Values.erpSimulator.service.port) -}}
{{- else -}}
{{- fail "\n\nerp.url is empty: set it to your ERP connector's URL, or enable erpSimulator for a demo." -}}
{{- end -}}
{{- end -}}

{{/*
batch-service's named ERP endpoints (erp.endpoints), as a YAML list; refuses a name given twice.
*/}}
{{- define "erplink.erpEndpoints" -}}
{{- $seen := dict }}
{{- range .Values.erp.endpoints }}
{{- if hasKey $seen .name }}
{{- fail (printf "\n\nerp.endpoints: the name %s is given twice; each endpoint needs its own name." .name) }}
{{- end }}
{{- $_ := set $seen .name true }}
{{- end }}
{{- toYaml .Values.erp.endpoints }}
{{- end -}}

{{/* Whether a component calls the ERP (and so gets ERPLINK_ERP_URL and ERPLINK_ERP_SECRET). */}}
{{- define "erplink.callsErp" -}}
{{- if has .component (list "live-service" "batch-service" "order-queue-service") -}}true{{- end -}}
{{- end -}}

{{/* The restricted Pod Security Standard, pod level. */}}
{{- define "erplink.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The restricted Pod Security Standard, container level. */}}
{{- define "erplink.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The JWT block of a component (issuer, publicKeyLocation, publicKeySecret, for batch/mapping also
publicKeyConfigMap and publicKey), or an empty dict. */}}
{{- define "erplink.jwt" -}}
{{- if has .component (list "live-service" "batch-service" "mapping-service") -}}
{{- toYaml .svc.auth -}}
{{- else if eq .component "order-queue-service" -}}
{{- toYaml .svc.operatorAuth -}}
{{- else -}}
{}
{{- end -}}
{{- end -}}

{{/* The volume the JWT verification key is mounted from (a Secret or a ConfigMap), or empty. Argument: the JWT block. */}}
{{- define "erplink.jwtKeyVolume" -}}
{{- $secret := dig "publicKeySecret" "name" "" . -}}
{{- $configMap := dig "publicKeyConfigMap" "name" "" . -}}
{{- if $secret -}}
secret:
  secretName: {{ $secret }}
  items:
    - key: {{ .publicKeySecret.key }}
      path: {{ .publicKeySecret.key }}
{{- else if $configMap -}}
configMap:
  name: {{ $configMap }}
  items:
    - key: {{ .publicKeyConfigMap.key }}
      path: {{ .publicKeyConfigMap.key }}
{{- end -}}
{{- end -}}
