{{- define "funcs.recurse" -}}
{{- if gt (int .n) 0 -}}{{ .n }},{{ include "funcs.recurse" (dict "n" (sub .n 1)) }}{{- end -}}
{{- end -}}
{{- define "funcs.block.default" -}}default-block{{- end -}}
{{- define "funcs.dot" -}}[{{ . }}]{{- end -}}
