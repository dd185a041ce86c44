{{- define "platform.labels" -}}
{{ include "common.labels" . }}
platform/root: {{ .Chart.IsRoot | quote }}
{{- end }}
